import { Component, lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorldMapProps } from './WorldMap';

// the projected countries live in this chunk: only pages with a map fetch it
const loadWorldMap = () => import('./WorldMap');
const WorldMap = lazy(loadWorldMap);

/** Starts the map's download before the data it draws has arrived (a round trip less on a slow link). */
export function preloadMap(): void {
  loadWorldMap().catch(() => undefined); // <MapView> shows the failure when it renders
}

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
