// Server-side render of the same component, in Node: no DOM, no `onet-match/define`.
import { render as renderSvelte } from 'svelte/server';
import App from './App.svelte';

export const render = async () => renderSvelte(App).body;
