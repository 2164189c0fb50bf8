/** SPFx localized string files are AMD modules; the workbench bundler turns them into a default export. */
declare module '*.js' {
  const strings: unknown;
  export default strings;
}
