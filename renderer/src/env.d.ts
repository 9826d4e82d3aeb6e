// Vite turns a CSS import into a stylesheet of the built page; TypeScript only needs to know it exists.
declare module '*.css';
