/** The page's entry: read `/config.json`, then render the app (or why it cannot start). */
import './styles.css';
import { render } from 'preact';
import { App } from './app.js';
import { InvalidWebConfigError } from './config.js';
import { loadConfig } from './load-config.js';

const root = document.getElementById('app');
if (root === null) throw new Error('index.html has no #app element');

loadConfig().then(
  (config) => render(<App config={config} />, root),
  (error: unknown) =>
    render(
      <main class="page">
        <h1>Tasks</h1>
        <div class="notice" role="alert">
          <p class="notice-title">The page cannot start: its settings could not be read.</p>
          {error instanceof InvalidWebConfigError ? (
            error.problems.map((problem) => <p key={problem}>{problem}</p>)
          ) : (
            <p>{error instanceof Error ? error.message : String(error)}</p>
          )}
        </div>
      </main>,
      root,
    ),
);
