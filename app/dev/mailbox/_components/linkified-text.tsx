import { splitLinks } from "./linkify";

/** A mail's plain-text part with its http(s) links as real anchors (same tab: it is the demo's inbox). */
export function LinkifiedText({ text }: { text: string }) {
  return (
    <pre
      data-testid="mailbox-text"
      className="font-sans text-sm leading-relaxed break-words whitespace-pre-wrap text-foreground"
    >
      {splitLinks(text).map((part, index) =>
        part.kind === "link" ? (
          <a
            key={index}
            href={part.value}
            rel="noreferrer"
            data-testid="mailbox-link"
            className="font-medium break-all text-primary underline underline-offset-4 hover:text-primary/80"
          >
            {part.value}
          </a>
        ) : (
          <span key={index}>{part.value}</span>
        ),
      )}
    </pre>
  );
}
