// What the page shows now: the loaded catalog and plugins, the selection, the filters, and the tokens that let a
// newer load win over an older one still in flight.

export const state = {
  catalog: null,
  plugins: null,
  selected: null,
  filters: { activity: '', plugin: '', identity: '' },
  mapFormat: 'mermaid',
  flowToken: 0,
  diagramToken: 0,
  trailToken: 0,
  loadToken: 0,
};
