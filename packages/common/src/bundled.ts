// Whether this code runs from a file `npm run build` compiled (dist/, scripts/build.mjs
// defines the constant) or from the TypeScript sources under tsx (the tests, development).
// A compiled file is its own worker entry: a worker thread starts the same file again and its
// entry module tells the two apart, because the sources beside it may not exist (a volunteer
// runs dist/simforge-node.mjs alone).
declare const __SIMFORGE_BUNDLED__: boolean | undefined;

export const BUNDLED: boolean = typeof __SIMFORGE_BUNDLED__ !== 'undefined' && __SIMFORGE_BUNDLED__;
