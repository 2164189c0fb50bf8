/**
 * Jest transform for SPFx localized string files, which are AMD modules:
 *   define([], function () { return { ... }; });
 * The file runs with a `define` that exports what the factory returns.
 */
module.exports = {
  process(source) {
    return {
      code:
        'var define = function (deps, factory) { module.exports = (typeof deps === "function" ? deps : factory)(); };\n' +
        source
    };
  }
};
