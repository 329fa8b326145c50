import { type ComponentType, lazy, Suspense } from 'react';
import { NavLink, Route, Routes } from 'react-router';
import { Loading } from '../ui/Loading';
import { OverviewPage } from './overview/OverviewPage';
import { ChartPatternDefs } from './ui/chart-theme';
import './dashboard.css';

/**
 * Each section but the landing page loads when opened: the Overview's first screen does not wait for
 * the other pages or for the chart library (which the Overview loads after its figures).
 */
const section = <Name extends string>(load: () => Promise<Record<Name, ComponentType>>, name: Name) =>
  lazy(() => load().then((module) => ({ default: module[name] })));

const FairnessPage = section(() => import('./fairness/FairnessPage'), 'FairnessPage');
const ExposurePage = section(() => import('./exposure/ExposurePage'), 'ExposurePage');
const ErrorsPage = section(() => import('./errors/ErrorsPage'), 'ErrorsPage');
const ModelsPage = section(() => import('./models/ModelsPage'), 'ModelsPage');
const AuditLogPage = section(() => import('./audit-log/AuditLogPage'), 'AuditLogPage');
const MonitoringPage = section(() => import('./monitoring/MonitoringPage'), 'MonitoringPage');
const SafetyPage = section(() => import('./safety/SafetyPage'), 'SafetyPage');
const PrivacyPage = section(() => import('./privacy/PrivacyPage'), 'PrivacyPage');
const ScorecardPage = section(() => import('./scorecard/ScorecardPage'), 'ScorecardPage');

/** The dashboard's sections, in the order of the navigation; paths are relative to /dashboard. */
const SECTIONS = [
  { path: '', label: 'Overview' },
  { path: 'fairness', label: 'Fairness' },
  { path: 'exposure', label: 'Exposure' },
  { path: 'errors', label: 'Errors' },
  { path: 'models', label: 'Models' },
  { path: 'audit-log', label: 'Audit log' },
  { path: 'monitoring', label: 'Monitoring' },
  { path: 'safety', label: 'Safety' },
  { path: 'privacy', label: 'Privacy' },
  { path: 'scorecard', label: 'Scorecard' },
] as const;

/** The responsible-AI dashboard: a section navigation beside the section's page. */
export default function Dashboard() {
  return (
    <div className="dashboard">
      <ChartPatternDefs />
      <nav className="dashboard-nav" aria-label="Dashboard sections">
        <ul>
          {SECTIONS.map((section) => (
            <li key={section.path}>
              <NavLink
                to={section.path ? `/dashboard/${section.path}` : '/dashboard'}
                end={section.path === ''}
              >
                {section.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="dashboard-content">
        <Suspense fallback={<Loading label="Loading the section" />}>
          <Routes>
            <Route index element={<OverviewPage />} />
            <Route path="fairness" element={<FairnessPage />} />
            <Route path="exposure" element={<ExposurePage />} />
            <Route path="errors" element={<ErrorsPage />} />
            <Route path="models" element={<ModelsPage />} />
            <Route path="models/:modelId" element={<ModelsPage />} />
            <Route path="audit-log" element={<AuditLogPage />} />
            <Route path="monitoring" element={<MonitoringPage />} />
            <Route path="safety" element={<SafetyPage />} />
            <Route path="privacy" element={<PrivacyPage />} />
            <Route path="scorecard" element={<ScorecardPage />} />
            <Route path="*" element={<UnknownSection />} />
          </Routes>
        </Suspense>
      </div>
    </div>
  );
}

function UnknownSection() {
  return (
    <section className="dashboard-page" aria-labelledby="unknown-section">
      <h1 id="unknown-section">No such dashboard section</h1>
      <p>Choose a section from the list.</p>
    </section>
  );
}
