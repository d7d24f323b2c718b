import type { NotificationType, UiLanguage } from '../../contract/common.ts';
import type { Recipient } from '../../jobs/jobs.ts';

/**
 * E-mail wording per language. Type lines are Handlebars strings over {actor, title}: producers put the
 * subject's label in `data.title` and the actor's name in `data.actorName`.
 */
type Messages = {
  types: Record<NotificationType, string>;
  reasons: Record<Recipient['kind'], string>;
  someone: string;
  open: string;
  hello: string;
  digestSubject: Record<'daily' | 'weekly', string>;
  digestIntro: string;
  whyDigest: string;
  unsubscribeType: string;
  unsubscribeAll: string;
  preferences: string;
};

const en: Messages = {
  types: {
    'twinning.requested': '{{actor}} asks your city to twin: {{title}}',
    'twinning.proposed': '{{actor}} proposes a twinning: {{title}}',
    'twinning.accepted': '{{actor}} accepted the twinning {{title}}',
    'twinning.declined': '{{actor}} declined the twinning {{title}}',
    'twinning.withdrawn': '{{actor}} withdrew the twinning request {{title}}',
    'twinning.activated': 'The twinning {{title}} is active',
    'twinning.ended': 'The twinning {{title}} has ended',
    'twinning.reminder': 'Coming up in your twinning: {{title}}',
    'thread.invited': '{{actor}} invited you to the thread “{{title}}”',
    'thread.mentioned': '{{actor}} mentioned you in “{{title}}”',
    'practice.submitted': '{{actor}} submitted the practice “{{title}}” for review',
    'practice.published': 'Your practice “{{title}}” is published',
    'practice.returned': 'Your practice “{{title}}” was returned to you for changes',
    'membership.requested': '{{actor}} asks to join {{title}}',
    'membership.approved': 'You are now a member of {{title}}',
    'membership.declined': 'Your request to join {{title}} was declined',
  },
  reasons: {
    user: 'You received this because it concerns you directly.',
    city_focal_points: 'You received this because you are a focal point of the city concerned.',
    city_members: 'You received this because you are a member of the city concerned.',
    network_managers: 'You received this because you manage the network concerned.',
    city_network_managers: 'You received this because you review practices for a network the city belongs to.',
  },
  someone: 'Someone',
  open: 'Open',
  hello: 'Hello {{name}},',
  digestSubject: { daily: 'Your daily summary: {{count}} new {{#if one}}notification{{else}}notifications{{/if}}', weekly: 'Your weekly summary: {{count}} new {{#if one}}notification{{else}}notifications{{/if}}' },
  digestIntro: 'Here is what happened since your previous summary:',
  whyDigest: 'You received this summary because your e-mail cadence is set to {{cadence}}.',
  unsubscribeType: 'Stop e-mails of this kind',
  unsubscribeAll: 'Stop these summaries',
  preferences: 'Notification preferences',
};

const fr: Messages = {
  types: {
    'twinning.requested': '{{actor}} propose un jumelage à votre ville : {{title}}',
    'twinning.proposed': '{{actor}} propose un jumelage : {{title}}',
    'twinning.accepted': '{{actor}} a accepté le jumelage {{title}}',
    'twinning.declined': '{{actor}} a refusé le jumelage {{title}}',
    'twinning.withdrawn': '{{actor}} a retiré la demande de jumelage {{title}}',
    'twinning.activated': 'Le jumelage {{title}} est actif',
    'twinning.ended': 'Le jumelage {{title}} est terminé',
    'twinning.reminder': 'Bientôt dans votre jumelage : {{title}}',
    'thread.invited': '{{actor}} vous a invité·e dans la discussion « {{title}} »',
    'thread.mentioned': '{{actor}} vous a mentionné·e dans « {{title}} »',
    'practice.submitted': '{{actor}} a soumis la pratique « {{title}} » pour relecture',
    'practice.published': 'Votre pratique « {{title}} » est publiée',
    'practice.returned': 'Votre pratique « {{title}} » vous a été renvoyée pour modifications',
    'membership.requested': '{{actor}} demande à rejoindre {{title}}',
    'membership.approved': 'Vous êtes maintenant membre de {{title}}',
    'membership.declined': 'Votre demande pour rejoindre {{title}} a été refusée',
  },
  reasons: {
    user: 'Vous recevez ce message parce qu’il vous concerne directement.',
    city_focal_points: 'Vous recevez ce message parce que vous êtes point focal de la ville concernée.',
    city_members: 'Vous recevez ce message parce que vous êtes membre de la ville concernée.',
    network_managers: 'Vous recevez ce message parce que vous gérez le réseau concerné.',
    city_network_managers: 'Vous recevez ce message parce que vous relisez les pratiques d’un réseau dont la ville fait partie.',
  },
  someone: 'Quelqu’un',
  open: 'Ouvrir',
  hello: 'Bonjour {{name}},',
  digestSubject: { daily: 'Votre résumé du jour : {{count}} {{#if one}}nouvelle notification{{else}}nouvelles notifications{{/if}}', weekly: 'Votre résumé de la semaine : {{count}} {{#if one}}nouvelle notification{{else}}nouvelles notifications{{/if}}' },
  digestIntro: 'Voici ce qui s’est passé depuis votre résumé précédent :',
  whyDigest: 'Vous recevez ce résumé parce que votre fréquence d’e-mails est réglée sur « {{cadence}} ».',
  unsubscribeType: 'Ne plus recevoir ce type d’e-mails',
  unsubscribeAll: 'Ne plus recevoir ces résumés',
  preferences: 'Préférences de notification',
};

const es: Messages = {
  types: {
    'twinning.requested': '{{actor}} propone un hermanamiento a su ciudad: {{title}}',
    'twinning.proposed': '{{actor}} propone un hermanamiento: {{title}}',
    'twinning.accepted': '{{actor}} aceptó el hermanamiento {{title}}',
    'twinning.declined': '{{actor}} rechazó el hermanamiento {{title}}',
    'twinning.withdrawn': '{{actor}} retiró la solicitud de hermanamiento {{title}}',
    'twinning.activated': 'El hermanamiento {{title}} está activo',
    'twinning.ended': 'El hermanamiento {{title}} ha terminado',
    'twinning.reminder': 'Próximamente en su hermanamiento: {{title}}',
    'thread.invited': '{{actor}} le invitó a la conversación «{{title}}»',
    'thread.mentioned': '{{actor}} le mencionó en «{{title}}»',
    'practice.submitted': '{{actor}} envió la práctica «{{title}}» para revisión',
    'practice.published': 'Su práctica «{{title}}» está publicada',
    'practice.returned': 'Su práctica «{{title}}» le fue devuelta para cambios',
    'membership.requested': '{{actor}} pide unirse a {{title}}',
    'membership.approved': 'Ahora es miembro de {{title}}',
    'membership.declined': 'Su solicitud para unirse a {{title}} fue rechazada',
  },
  reasons: {
    user: 'Recibe este mensaje porque le concierne directamente.',
    city_focal_points: 'Recibe este mensaje porque es punto focal de la ciudad en cuestión.',
    city_members: 'Recibe este mensaje porque es miembro de la ciudad en cuestión.',
    network_managers: 'Recibe este mensaje porque gestiona la red en cuestión.',
    city_network_managers: 'Recibe este mensaje porque revisa prácticas de una red a la que pertenece la ciudad.',
  },
  someone: 'Alguien',
  open: 'Abrir',
  hello: 'Hola {{name}}:',
  digestSubject: { daily: 'Su resumen diario: {{count}} {{#if one}}notificación nueva{{else}}notificaciones nuevas{{/if}}', weekly: 'Su resumen semanal: {{count}} {{#if one}}notificación nueva{{else}}notificaciones nuevas{{/if}}' },
  digestIntro: 'Esto es lo que pasó desde su resumen anterior:',
  whyDigest: 'Recibe este resumen porque su frecuencia de correo es «{{cadence}}».',
  unsubscribeType: 'No recibir más correos de este tipo',
  unsubscribeAll: 'No recibir más estos resúmenes',
  preferences: 'Preferencias de notificación',
};

export const MESSAGES: Record<UiLanguage, Messages> = { en, fr, es };
export const CADENCE_NAMES: Record<UiLanguage, Record<'daily' | 'weekly', string>> = {
  en: { daily: 'daily', weekly: 'weekly' },
  fr: { daily: 'quotidienne', weekly: 'hebdomadaire' },
  es: { daily: 'diaria', weekly: 'semanal' },
};
