import { StatusMessage } from './components/StatusMessage.js';
import { useDatasetManifest } from './hooks/useDatasetManifest.js';
import { useHealth } from './hooks/useHealth.js';
import { usePytorchDistillation } from './hooks/usePytorchDistillation.js';
import { usePytorchSweep, useTensorflowSweep } from './hooks/useStudioSweeps.js';
import { useTensorflowDistillation } from './hooks/useTensorflowDistillation.js';
import { DatasetsPage } from './pages/DatasetsPage.js';
import { lazyPage } from './routing/lazyPage.js';
import { type Route, useHashRoute } from './routing/useHashRoute.js';

// Split by page: the first page (Datasets) loads no charts and no run tables.
const ModelsPage = lazyPage(() => import('./pages/ModelsPage.js').then((m) => m.ModelsPage));
const RunsPage = lazyPage(() => import('./pages/RunsPage.js').then((m) => m.RunsPage));
const SweepsPage = lazyPage(() => import('./pages/SweepsPage.js').then((m) => m.SweepsPage));
const TrainingPage = lazyPage(() => import('./pages/TrainingPage.js').then((m) => m.TrainingPage));

const NAV: Array<[Route, string]> = [
  ['datasets', 'Datasets'],
  ['pytorch', 'PyTorch'],
  ['tensorflow', 'TensorFlow'],
  ['sweeps', 'Sweeps'],
  ['runs', 'Runs'],
  ['models', 'Models'],
];

/**
 * The studio shell. Sweeps and distillations live here, above the pages, so switching pages keeps
 * following a sweep in flight. Sweeps run on the server: closing the tab only stops following
 * (a reload reattaches); distillations still abort on unmount.
 */
export function App() {
  const route = useHashRoute();
  const manifest = useDatasetManifest();
  const health = useHealth();
  const pytorch = usePytorchSweep();
  const tensorflow = useTensorflowSweep();
  const pytorchDistill = usePytorchDistillation();
  const tensorflowDistill = useTensorflowDistillation();
  const info = health.state.data;

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <h1>
          Trainyard <span className="muted">studio</span>
        </h1>
        <nav aria-label="Pages">
          <ul>
            {NAV.map(([r, label]) => (
              <li key={r}>
                <a href={`#/${r}`} aria-current={route === r ? 'page' : undefined}>
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {info && <span className="muted version">v{info.version}</span>}
      </header>
      <main id="main" tabIndex={-1}>
        {health.state.status === 'failed' && (
          <StatusMessage kind="error">
            The Trainyard server is not answering ({health.state.error}). Start it with{' '}
            <code>make start</code>, then{' '}
            <button type="button" className="link" onClick={health.reload}>
              try again
            </button>
            .
          </StatusMessage>
        )}
        {route === 'datasets' && <DatasetsPage manifest={manifest} />}
        {route === 'pytorch' && (
          <TrainingPage
            framework="pytorch"
            manifest={manifest}
            training={pytorch}
            distillation={pytorchDistill}
            health={info}
          />
        )}
        {route === 'tensorflow' && (
          <TrainingPage
            framework="tensorflow"
            manifest={manifest}
            training={tensorflow}
            distillation={tensorflowDistill}
            health={info}
            linear={{ on: tensorflow.linear, set: tensorflow.setLinear }}
          />
        )}
        {route === 'sweeps' && <SweepsPage options={manifest.state.options} />}
        {route === 'runs' && <RunsPage options={manifest.state.options} />}
        {route === 'models' && <ModelsPage options={manifest.state.options} />}
      </main>
    </div>
  );
}
