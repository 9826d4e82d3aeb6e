// The Administration screen, only for a person the back end says administers something (docs/decisions.md,
// "The admin group"): one card per section the engine offers them, in the order main lists the sections
// (main/ipc/admin-sections.ts, which also says which tools each calls). Every section works through the
// engine's own tools, so the window can do exactly what an AI client could, with the person's own rights,
// and shows the engine's refusals as they come. A section that comes later is a component here.
import { useSyncExternalStore, type ComponentType } from 'react';
import type { AdminSection } from '../../../window-contract/admin-sections.ts';
import { LoadError, Loading, ScreenHeader } from '../components.tsx';
import { useBackEndName, useReadyMark } from '../hooks.ts';
import { stores } from '../store.ts';
import { CatalogSection } from './admin/CatalogSection.tsx';
import { CorrectionsSection } from './admin/CorrectionsSection.tsx';
import { InvoicesSection } from './admin/InvoicesSection.tsx';
import { PeopleSection } from './admin/PeopleSection.tsx';
import { RatesSection } from './admin/RatesSection.tsx';
import { TagsSection } from './admin/TagsSection.tsx';
import { TeamsSection } from './admin/TeamsSection.tsx';

/** Each section's component: the type makes a section main lists without one here an error. */
const SECTIONS: Record<AdminSection, ComponentType> = {
  catalog: CatalogSection,
  tags: TagsSection,
  invoices: InvoicesSection,
  people: PeopleSection,
  corrections: CorrectionsSection,
  teams: TeamsSection,
  rates: RatesSection,
};

const NO_SECTIONS: AdminSection[] = [];

export function AdministrationScreen() {
  const status = useSyncExternalStore(stores.status.subscribe, stores.status.get);
  const backEnd = useBackEndName();
  const sections = status.data?.adminSections ?? NO_SECTIONS;
  useReadyMark('admin', status.data !== undefined);

  return (
    <>
      <ScreenHeader title="Administration">
        {sections.length > 0
          ? `What ${backEnd ?? 'your back end'} lets you administer, with your own rights there. Every change asks first.`
          : 'What your back end lets you administer.'}
      </ScreenHeader>
      {status.error && !status.data && <LoadError message={status.error} onRetry={() => void stores.status.load()} />}
      {status.data && sections.length === 0 && (
        <p className="message note" role="note">
          {backEnd ?? 'Your back end'} does not say your account administers anything, so Punchcard offers no administration here.
        </p>
      )}
      {sections.map((section) => {
        const Section = SECTIONS[section];
        return <Section key={section} />;
      })}
      {!status.data && !status.error && <Loading what="Loading administration" />}
    </>
  );
}
