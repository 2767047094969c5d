/** A decorative warning sign; the text beside it always says what went wrong. */
export function ErrorIcon({ size = 16 }: { size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2.5"
      aria-hidden
      focusable="false"
      style={{ flex: 'none' }}
    >
      <circle cx="12" cy="12" r="10" />
      <path d="M12 7v6M12 17h.01" strokeLinecap="round" />
    </svg>
  );
}
