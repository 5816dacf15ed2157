// src/core/safe-dom.ts is the one clobbering-proof reader: the core's walks (domOf), the content
// scripts (safeDom(window)) and auto-clean's path lookups all go through it. jsdom does not clobber a
// form's properties with its named controls as browsers do, so these tests put the shadowing
// properties on the form themselves, as a browser would (`<input name="parentNode">`). jsdom's own
// selector engine reads those properties too (and loops on such a form), so the elements the tests
// compare with are found before the form is made to lie.
import { describe, expect, test } from 'vitest';
import { domOf, safeDom, unclobberForms } from '../src/core/safe-dom';
import { articleGuard, locateRemoved, resolvePath } from '../src/core/live-scan';
import { page } from './helpers';

const HTML = '<!DOCTYPE html><html><body><div><p>One</p><form id="f"><input name="parentNode"><p>Inside the form</p></form><p>Two</p></div></body></html>';

/** A page whose form lies about its tree, as a browser's named-control shadowing would. */
function clobbered() {
  const p = page(HTML);
  const form = p.document.getElementById('f')!;
  const input = form.querySelector('input')!;
  const div = p.document.querySelector('div')!;
  const [one, inside, two] = Array.from(p.document.querySelectorAll('p'));
  for (const name of ['parentNode', 'parentElement', 'firstChild', 'firstElementChild', 'nextSibling', 'nextElementSibling', 'previousElementSibling', 'lastElementChild', 'localName', 'nodeName', 'nodeType', 'textContent']) {
    Object.defineProperty(form, name, { value: input, configurable: true });
  }
  return { ...p, form, input, div, one, inside, two };
}

describe('safe-dom: one clobbering-proof reader for the core and the content scripts', () => {
  test('the window\'s readers and the ones found from a node are the same object', () => {
    const { window, document, form } = clobbered();
    expect(domOf(form)).toBe(safeDom(window));
    expect(domOf(document)).toBe(safeDom(window));
    expect(domOf(document.createTextNode('x'))).toBe(safeDom(window));
  });

  test('reads the form\'s real tree, not the properties its controls shadow', () => {
    const { window, form, input, div, one, inside, two } = clobbered();
    const dom = safeDom(window);
    expect(form.parentNode === input).toBe(true); // the page's lie
    expect(dom.parentNode(form) === div).toBe(true);
    expect(dom.parentElement(form) === div).toBe(true);
    expect(dom.firstChild(form) === input).toBe(true);
    expect(dom.firstElementChild(form) === input).toBe(true);
    expect(dom.lastElementChild(form) === inside).toBe(true);
    expect(dom.nextElementSibling(form) === two).toBe(true);
    expect(dom.previousElementSibling(form) === one).toBe(true);
    expect(dom.localName(form)).toBe('form');
    expect(dom.nodeName(form)).toBe('form');
    expect(dom.nodeType(form)).toBe(1);
    expect(dom.textContent(form)).toBe('Inside the form');
  });

  test('ledger paths resolve through a clobbering form by default', () => {
    const { document, form, div, inside, two } = clobbered();
    expect(resolvePath(document, 'body > div:nth-of-type(1) > p:nth-of-type(2)') === two).toBe(true);
    const path = 'body > div:nth-of-type(1) > form:nth-of-type(1) > p:nth-of-type(1)';
    expect(locateRemoved(document, { path, preview: 'Inside the form' }) === inside).toBe(true);
    const guard = articleGuard(document, path);
    expect([guard(inside), guard(form), guard(div), guard(two)]).toEqual([true, true, true, false]);
  });

  test('the article guard keeps the real <html> and <head> when the page names an image after them', () => {
    const { document } = page('<!DOCTYPE html><html><head><title>t</title></head><body><img name="head"><img name="documentElement"><p>Text</p></body></html>');
    const [head, html] = [document.querySelector('head')!, document.querySelector('html')!];
    const [imgHead, imgRoot] = Array.from(document.querySelectorAll('img'));
    // What a browser's document named properties do (jsdom does not): the images shadow the document's own.
    Object.defineProperty(document, 'head', { value: imgHead, configurable: true });
    Object.defineProperty(document, 'documentElement', { value: imgRoot, configurable: true });
    const guard = articleGuard(document, null);
    expect([guard(html), guard(head), guard(document.body!)]).toEqual([true, true, true]);
    expect([guard(imgHead), guard(imgRoot)]).toEqual([false, false]);
  });

  test('unclobberForms strips from a copy the names that shadow form properties, and only those', () => {
    const { window, document } = page('<!DOCTYPE html><html><body><form><input name="parentNode"><input name="email" id="attributes"><img name="q"></form><input name="parentNode"></body></html>');
    expect(unclobberForms(document, window)).toBe(2);
    const inputs = document.querySelectorAll('input');
    expect(inputs[0].hasAttribute('name')).toBe(false);
    expect(inputs[1].getAttribute('name')).toBe('email');
    expect(inputs[1].hasAttribute('id')).toBe(false);
    expect(document.querySelector('img')!.getAttribute('name')).toBe('q');
    expect(inputs[2].getAttribute('name')).toBe('parentNode'); // outside any form: shadows nothing
  });
});
