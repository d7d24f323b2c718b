/**
 * Every form's check, with the schema of the endpoint it posts to (see practice.ts for the rule that
 * makes this folder the client's only door to contract values). Loaded on a form's first use
 * (client/src/forms/check-form.ts), so zod never weighs on a page's first load.
 */
import { loginBody, registerBody } from '../../../server/contract/auth.ts';
import { addMemberBody, createCityBody, patchCityBody } from '../../../server/contract/cities.ts';
import { createJoinRequestBody, declineJoinRequestBody } from '../../../server/contract/join-requests.ts';
import { changePasswordBody, updateMeBody } from '../../../server/contract/me.ts';
import { createRouteBody, patchRouteBody } from '../../../server/contract/migration-routes.ts';
import { addManagerBody, createNetworkBody } from '../../../server/contract/networks.ts';
import { createThreadBody, editMessageBody, postMessageBody } from '../../../server/contract/threads.ts';
import { createTwinningBody } from '../../../server/contract/twinnings.ts';
import { checker } from './check';

export const formChecks = {
  register: checker(registerBody),
  signIn: checker(loginBody),
  profile: checker(updateMeBody),
  password: checker(changePasswordBody),
  joinRequest: checker(createJoinRequestBody),
  declineJoinRequest: checker(declineJoinRequestBody),
  newCity: checker(createCityBody),
  cityProfile: checker(patchCityBody),
  member: checker(addMemberBody),
  network: checker(createNetworkBody),
  networkManager: checker(addManagerBody),
  route: checker(createRouteBody),
  routeChange: checker(patchRouteBody),
  twinning: checker(createTwinningBody),
  thread: checker(createThreadBody),
  message: checker(postMessageBody),
  messageEdit: checker(editMessageBody),
};

export type FormName = keyof typeof formChecks;
