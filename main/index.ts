import { app } from 'electron';
app.whenReady().then(() => console.error('ready'));
