// Server-side render of the same component, in Node: no DOM, no `onet-match/define`.
import { renderToString } from 'react-dom/server';
import { App } from './App.jsx';

export const render = async () => renderToString(<App />);
