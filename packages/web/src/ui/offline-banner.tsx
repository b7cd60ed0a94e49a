/**
 * Said while the browser is offline (role status: announced without taking focus).
 * Always in the page, so that the live region exists before its text changes.
 */
export const OfflineBanner = ({ online }: { readonly online: boolean }) => (
  <div class={online ? 'offline-banner' : 'offline-banner shown'} role="status">
    {!online && (
      <p>
        You are offline. What is loaded stays here; changes need a connection. The page refreshes
        when you are back online.
      </p>
    )}
  </div>
);
