// The API's enum values, read from its OpenAPI document rather than copied here: a new activity or resolution source
// appears on the page without a change to it.

export const enums = { activities: [], sources: [] };

export async function loadEnums() {
  try {
    const response = await fetch('/openapi/v1.json', { headers: { Accept: 'application/json' }, cache: 'no-store' });
    const schemas = response.ok ? (await response.json()).components?.schemas ?? {} : {};
    enums.activities = schemas.Activity?.enum ?? [];
    enums.sources = schemas.ResolutionSource?.enum ?? [];
  } catch {
    // Without the document the page still works: activities then keep the catalog's order.
  }
}

// The kernel's order of activities (application before execution); any other after them.
export function activityIndex(activity) {
  const index = enums.activities.indexOf(activity);
  return index < 0 ? enums.activities.length : index;
}

// A PascalCase name in words, lower case (a kernel default, say).
export function sourceLabel(source) {
  return String(source || 'unknown').replace(/(?<=[a-z])(?=[A-Z])/g, ' ').toLowerCase();
}
