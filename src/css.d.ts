/** esbuild's text loader: CSS files import as strings, for <style> elements in shadow roots. */
declare module '*.css' {
  const text: string;
  export default text;
}
