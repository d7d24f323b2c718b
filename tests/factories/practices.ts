/** A valid body for POST /api/practices in a given city; override any field. */
export function practiceInput(cityId: string, overrides: Record<string, unknown> = {}) {
  return {
    title: 'Community kitchen for newly arrived families',
    summary: 'Neighbours and newcomers cook together every week; the kitchen is also a place for advice.',
    body: '## How it works\n\nEvery **Tuesday** the district centre opens its kitchen. [Programme](https://example.org/kitchen)',
    cityId,
    language: 'en',
    priorities: ['solidarity.3', 'dignity.1'],
    routes: ['central-mediterranean'],
    targetGroups: ['families'],
    howTo: { process: 'Book the room, invite families.', challenges: 'Funding for ingredients.', successFactors: 'Volunteers.', transferability: 'Any city with a community centre.' },
    budget: '8,000 EUR a year',
    startedOn: '2023-01-15',
    outcomes: '40 families a month.',
    contact: 'kitchen@example.org',
    ...overrides,
  };
}
