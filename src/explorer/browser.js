// The explorer's page script, bundled by scripts/build-explorer.mjs with GraphiQL, React and their
// styles into dist/explorer/ (names carry a content hash): the browser loads nothing from elsewhere.
// Plain JavaScript without JSX, so the API's TypeScript build does not see it.
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import './explorer.css';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';

/** Written into the page by src/explorer/explorer.ts: the endpoint and the README's examples. */
const settings = JSON.parse(document.getElementById('explorer-settings').textContent);

createRoot(document.getElementById('graphiql')).render(
  createElement(GraphiQL, {
    fetcher: createGraphiQLFetcher({ url: settings.endpoint }),
    defaultQuery: settings.defaultQuery,
    defaultTabs: settings.tabs,
    defaultEditorToolsVisibility: false,
  }),
);
