// Vite's `?raw` suffix imports a file's text; tsc needs to be told what such a module is.
declare module '*.simc?raw' {
  const text: string;
  export default text;
}
