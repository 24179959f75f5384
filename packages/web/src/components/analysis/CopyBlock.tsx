import { useState } from 'react';

/** A titled block of text to copy, with a Copy button that says whether the copy worked. */
export function CopyBlock(props: { title: string; text: string }) {
  const { title, text } = props;
  const [status, setStatus] = useState('');
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setStatus('Copied.');
    } catch {
      setStatus('The browser refused the clipboard: select the text and copy it.');
    }
  }
  return (
    <section className="copy-block" aria-label={title}>
      <div className="copy-head">
        <h4>{title}</h4>
        <button type="button" onClick={() => void copy()}>
          Copy
        </button>
        <span className="muted" role="status">
          {status}
        </span>
      </div>
      <pre>{text}</pre>
    </section>
  );
}
