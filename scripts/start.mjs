// `npm start`: compiles the API when a source is newer than the last build (scripts/build-if-stale.mjs),
// then runs the compiled API in this same process, so a start costs one Node boot, not two.
import './build-if-stale.mjs';
import './build-explorer.mjs';

await import('../dist/src/main.js');
