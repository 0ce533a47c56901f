/// <reference types="@remix-run/node" />
/// <reference types="@remix-run/dev" />

import "@remix-run/node";

// Single fetch: without this augmentation loader types degrade (Date typed as string).
declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}
