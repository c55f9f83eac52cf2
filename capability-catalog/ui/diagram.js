// The selected identity's map drawn as a diagram: the Mermaid source the API generates, rendered in the page by the
// vendored mermaid.min.js (capability-catalog/ui-vendor: no CDN). The source text stays below it, to copy.

import { $, replace, placeholder, errorText } from './dom.js';
import { state } from './state.js';
import { api, describeError } from './api.js';

let initialised = false;

function mermaidLibrary() {
  const library = window.mermaid;
  if (!library) return null;
  if (!initialised) {
    // strict: labels are escaped and no script or click handler in a diagram ever runs.
    library.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'neutral' });
    initialised = true;
  }
  return library;
}

export async function loadDiagram() {
  const identity = state.selected;
  const token = ++state.diagramToken;
  const container = $('flow-diagram');
  container.dataset.rendered = 'false';
  replace(container, placeholder('Drawing the map…'));
  const library = mermaidLibrary();
  if (!library) {
    replace(container, errorText('The diagram library (mermaid.min.js) did not load; the map source is below.', 'diagram-error'));
    return;
  }
  try {
    const source = await api(`/api/v1/catalog/maps/${encodeURIComponent(identity)}?format=mermaid`, true);
    if (token !== state.diagramToken) return;
    const { svg } = await library.render(`identity-map-${token}`, source);
    if (token !== state.diagramToken) return;
    // Parsed in an inert document and adopted, never assigned to innerHTML. As HTML, not XML: mermaid's labels hold
    // HTML (<br>) that an XML parse stops at, silently keeping only the nodes before it.
    const drawing = new DOMParser().parseFromString(svg, 'text/html').querySelector('svg');
    if (!drawing) throw new Error('the diagram library returned no drawing');
    drawing.setAttribute('data-testid', 'flow-diagram-svg');
    drawing.setAttribute('role', 'img');
    drawing.setAttribute('aria-label', `Capability map of ${identity}`);
    replace(container, document.importNode(drawing, true));
    container.dataset.rendered = 'true';
  } catch (error) {
    if (token !== state.diagramToken) return;
    replace(container, errorText(describeError(error, 'the diagram'), 'diagram-error'));
  }
}
