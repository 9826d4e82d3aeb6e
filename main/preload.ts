import { contextBridge } from 'electron';
contextBridge.exposeInMainWorld('punchcard', {});
