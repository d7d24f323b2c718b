import { Component, lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorldMapProps } from './WorldMap';

// d3-geo, topojson and the world geometry live in this chunk: only pages with a map fetch it
const WorldMap = lazy(() => import('./WorldMap'));

/** The same box before and after the map arrives, so nothing below it moves. */
const placeholderStyle = { aspectRatio: '960 / 500', display: 'grid', placeItems: 'center' } as const;

class MapErrorBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

/** The world map, loaded on demand; if it cannot load, the lists next to it still say everything. */
export function MapView(props: WorldMapProps) {
  const { t } = useTranslation();
  const box = (text: string) => <div className="map-placeholder" style={placeholderStyle} role="status">{text}</div>;
  return (
    <MapErrorBoundary fallback={box(t('map.failed'))}>
      <Suspense fallback={box(t('map.loading'))}>
        <WorldMap {...props} />
      </Suspense>
    </MapErrorBoundary>
  );
}
