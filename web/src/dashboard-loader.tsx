import { type ComponentType, useEffect, useState } from 'react';
import { Loading } from './ui/Loading';

let loaded: ComponentType | null = null;
let loading: Promise<ComponentType> | null = null;

/**
 * Loads the dashboard's code (and, through it, nothing heavy: its pages and charts load when opened).
 * The app starts this together with the session check when it opens on a dashboard address, so that the
 * dashboard renders at once when the session arrives, without a suspended render (React holds a revealed
 * fallback for up to 300 ms).
 */
export function loadDashboard(): Promise<ComponentType> {
  loading ??= import('./dashboard/Dashboard').then((module) => (loaded = module.default));
  return loading;
}

/** The dashboard, rendered as soon as its code is here. */
export function DashboardLoader() {
  const [Dashboard, setDashboard] = useState<ComponentType | null>(() => loaded);
  useEffect(() => {
    if (Dashboard) return;
    let live = true;
    void loadDashboard().then((component) => {
      if (live) setDashboard(() => component);
    });
    return () => {
      live = false;
    };
  }, [Dashboard]);
  return Dashboard ? <Dashboard /> : <Loading label="Loading the dashboard" />;
}
