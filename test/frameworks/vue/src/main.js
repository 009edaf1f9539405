// The client entry registers the elements: `onet-match/define` needs a DOM, so it is imported here
// and never by a component that also renders on the server.
import 'onet-match/define';
import { createApp } from 'vue';
import App from './App.vue';

createApp(App).mount('#app');
