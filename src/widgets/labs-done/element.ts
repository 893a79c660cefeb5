// <kal-labs-done>: marks the labs of the home page's list that the reader's workspace holds work for,
// and says how many. Nothing is written; a browser without storage leaves the list as it is.
import { loadWorkspace } from '../shared/workspace-store.ts';
import { labsWithWork } from './labs.ts';

class LabsDone extends HTMLElement {
  connectedCallback() {
    void loadWorkspace()
      .then((ws) => {
        const done = labsWithWork(ws);
        for (const li of this.querySelectorAll<HTMLElement>('[data-lab]'))
          li.dataset.done = String(done.has(li.dataset.lab ?? ''));
        const count = this.querySelector('[data-count]');
        if (count) count.textContent = String(done.size);
        this.dataset.ready = 'true';
      })
      .catch(() => undefined);
  }
}

customElements.define('kal-labs-done', LabsDone);
