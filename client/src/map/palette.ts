/** One colour per route (in list order): distinct hues, each dark enough for a line on the light map. */
export const ROUTE_COLORS = ['#0b5d7a', '#b3541e', '#6a3d9a', '#1b7a3a', '#a61c5c', '#7a5a00', '#2d5fb3', '#8c2d19', '#00707a', '#5b4a9e', '#4d6b00', '#9e3d7a'];
export const routeColor = (i: number) => ROUTE_COLORS[i % ROUTE_COLORS.length];
export const STAGE_COLORS = { origin: '#e7a35c', transit: '#8fb9cc', destination: '#7fb58a' } as const;
