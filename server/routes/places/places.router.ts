import type { ApiRegistry } from '../../http/route.ts';
import type { PlacesService } from '../../services/places/places.service.ts';
import { placesQuery, placesResponse } from '../../contract/places.ts';

export function registerPlaceRoutes(api: ApiRegistry, { places }: { places: PlacesService }) {
  api.route({
    method: 'get', path: '/api/places', tags: ['cities'],
    summary: 'GeoNames gazetteer look-up for creating a city: name prefix, one typo allowed from 5 letters, best match first',
    auth: 'required', query: placesQuery,
    responses: { 200: { description: 'Places, best match first', schema: placesResponse } },
    handler: async ({ actor, query }) => ({ body: await places.search(actor, query) }),
  });
}
