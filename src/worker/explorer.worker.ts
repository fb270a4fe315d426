// The explorer worker: the simulation core behind Comlink, and nothing else (STYLE.md, Worker).
import { expose } from 'comlink';
import { api } from './api.ts';

expose(api);
