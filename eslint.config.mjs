// Lint: strict TypeScript rules plus the project's boundaries (STYLE.md §1):
// - src/core is pure: no window/document/browser/chrome/fetch/timers, no webextension-polyfill;
// - only src/platform imports webextension-polyfill;
// - only src/core/html.ts writes HTML strings into the DOM (eslint-plugin-no-unsanitized everywhere
//   else) or imports DOMPurify.
import tseslint from 'typescript-eslint';
import nounsanitized from 'eslint-plugin-no-unsanitized';

const BROWSER_GLOBALS = ['window', 'document', 'browser', 'chrome', 'fetch', 'XMLHttpRequest', 'WebSocket', 'navigator', 'location', 'setTimeout', 'setInterval', 'requestAnimationFrame', 'localStorage', 'sessionStorage', 'indexedDB'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.bench/**', '.reports/**', '.tmp/**', 'coverage/**'] },
  {
    files: ['src/**/*.ts'],
    extends: [tseslint.configs.recommended],
    plugins: { 'no-unsanitized': nounsanitized },
    rules: {
      'no-unsanitized/method': 'error',
      'no-unsanitized/property': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'webextension-polyfill', message: 'Only src/platform/ imports webextension-polyfill.' },
          { name: 'dompurify', message: 'Only src/core/html.ts uses DOMPurify.' },
        ],
      }],
    },
  },
  {
    // The core and the CLI run in jsdom, where Array.from / for…of / spread over a live HTMLCollection
    // is quadratic (a named-item search per `length` read): use listOf() from src/core/dom.ts.
    files: ['src/core/**/*.ts', 'src/cli/**/*.ts', 'src/export/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error',
        ...[
          "CallExpression[callee.object.name='Array'][callee.property.name='from'] > CallExpression.arguments[callee.property.name=/^getElementsBy/]",
          "CallExpression[callee.object.name='Array'][callee.property.name='from'] > MemberExpression.arguments[property.name='children']",
          'ForOfStatement > CallExpression.right[callee.property.name=/^getElementsBy/]',
          "ForOfStatement > MemberExpression.right[property.name='children']",
          'SpreadElement > CallExpression.argument[callee.property.name=/^getElementsBy/]',
        ].map((selector) => ({ selector, message: 'Quadratic in jsdom (the CLI): iterate a live HTMLCollection with listOf() from src/core/dom.ts.' })),
      ],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...BROWSER_GLOBALS.map((name) => ({ name, message: `src/core is pure: take what you need as an argument instead of the global ${name}.` }))],
    },
  },
  {
    files: ['src/platform/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'dompurify', message: 'Only src/core/html.ts uses DOMPurify.' }] }] },
  },
  {
    files: ['src/core/html.ts'],
    rules: { 'no-restricted-imports': 'off', 'no-unsanitized/method': 'off', 'no-unsanitized/property': 'off' },
  },
);
