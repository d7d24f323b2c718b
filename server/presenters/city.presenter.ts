type CityRefRow = { id: string; name: string; countryCode: string | null };

/** The short form of a city used inside other resources. */
export const presentCityRef = (c: CityRefRow) => ({ id: c.id, name: c.name, country: c.countryCode });
export const cityRefSelect = { id: true, name: true, countryCode: true } as const;
