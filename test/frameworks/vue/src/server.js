// Server-side render of the same component, in Node: no DOM, no `onet-match/define`.
import { createSSRApp } from 'vue';
import { renderToString } from 'vue/server-renderer';
import App from './App.vue';

export const render = () => renderToString(createSSRApp(App));
