import { type RefObject, useLayoutEffect, useRef, useState } from 'react';

/**
 * The width in px of the element `ref` is put on, following resizes; null until measured. It is
 * measured in a layout effect, before the first paint: a chart laid out for it (rendered once the
 * width is known) is drawn once, at that width. 0 where nothing is laid out (jsdom).
 */
export function useWidth<T extends HTMLElement>(): [RefObject<T | null>, number | null] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState<number | null>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}
