import { useState } from 'react';

export function App() {
  const [skills, setSkills] = useState(['2.B.1.b']);
  const [total, setTotal] = useState(null);
  return (
    <main>
      <button type="button" id="add" onClick={() => setSkills((s) => [...new Set([...s, '2.B.1.a'])])}>
        Add Active Listening
      </button>
      <p id="skills">{skills.join(' ')}</p>
      <p id="total">{total === null ? 'no results yet' : `${total} occupations`}</p>
      <onet-soft-skills
        snapshot="/snapshot/manifest.json"
        page-size="5"
        // React 19 sets a prop the element has as a property: here the `skills` array.
        skills={skills}
        // `on` + the exact event name: React 19 adds it as a listener on the element.
        ononet-results={(e) => e.detail.list === 'results' && setTotal(e.detail.total)}
        ononet-select={(e) => setSkills(e.detail.skills)}
      />
    </main>
  );
}
