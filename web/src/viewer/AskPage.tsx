export function AskPage() {
  return (
    <section className="page">
      <h1>AskPage</h1>
      <p>Coming soon.</p>
    </section>
  );
}
