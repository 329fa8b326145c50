export function PrivacyCenter() {
  return (
    <section className="page">
      <h1>PrivacyCenter</h1>
      <p>Coming soon.</p>
    </section>
  );
}
