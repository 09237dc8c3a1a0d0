/**
 * The mark on a request sent without signing in whose sender has not shown they read mail at the
 * requester's address (no link mailed for it has been opened): anyone can type an address.
 */
export function UnverifiedSender() {
  return (
    <span
      class="tag unverified"
      title="Sent without signing in, and no link mailed to this address for this request has been opened: the writer may not own the address."
    >
      Unverified sender
    </span>
  );
}
