/**
 * Runs before Fluent UI loads: the workbench has no access to Microsoft's font CDN, so Fluent
 * must not register web fonts from it (the page falls back to the system's Segoe UI or sans-serif).
 * Icons are served locally (see initializeIcons in main.tsx).
 */
(window as unknown as { FabricConfig: { fontBaseUrl: string } }).FabricConfig = { fontBaseUrl: '' };
export {};
