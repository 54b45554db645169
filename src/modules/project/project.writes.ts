import type { TableSpec } from '../../data/table.js';
import { UserErrorCode } from '../../graphql/payload.js';
import { defineWrites } from '../../graphql/write/spec.js';
import { Region } from '../region/region.entity.js';
import { Village } from '../village/village.entity.js';
import { Project, ProjectParticipant, ProjectPartner } from './project.entity.js';
import { AddProjectParticipantInput, AddProjectPartnerInput, CreateProjectInput } from './project.inputs.js';
import { projectPartnerTable, projectRoleTable, projectSlugs, projectTable } from './project.service.js';

/** Writes of projects. */
export const projectWrites = defineWrites({
  entity: Project,
  table: projectTable,
  owner: ['town'],
  input: CreateProjectInput,
  async validate(w, project, input, { creating }) {
    await projectSlugs.write(w, project, input, creating);
    const village = project.village as Village | undefined;
    if (village) {
      await w.tx.populate(project, ['village']);
      if ((project.village as Village).town.id !== (project.town as Region).id) {
        w.fail(
          ['input', 'villageId'],
          UserErrorCode.RULE_BROKEN,
          'The village must be in the project’s town',
        );
      }
    }
    if (project.openedOn && project.startedOn && project.openedOn < project.startedOn) {
      w.fail(['input', 'openedOn'], UserErrorCode.INVALID, 'openedOn cannot be before startedOn');
    }
  },
});

/**
 * The roles of talents (`ProjectRole`, `addProjectParticipant`) and organisations (`ProjectPartner`,
 * `addProjectPartner`) in projects: added and removed (a removal deletes the link, the audit keeps
 * it); a talent or organisation has each role in a project once.
 */
function projectLinkWrites<E extends ProjectParticipant | ProjectPartner>(link: {
  entity: new () => E;
  table: TableSpec;
  input: new () => object;
  member: 'talent' | 'organization';
  what: string;
  operation: string;
}) {
  const linked = ['project', link.member, 'role'] as (keyof E & string)[];
  const writes = defineWrites<E>({
    entity: link.entity,
    table: link.table,
    owner: ['project' as keyof E & string, 'town'],
    input: link.input,
    unique: [
      {
        props: linked,
        field: `${link.member}Id`,
        message: `The ${link.what} has this role in the project already`,
      },
    ],
    operations: { create: `add${link.operation}`, remove: `remove${link.operation}` },
    removed: linked,
  });
  return { add: writes.create, remove: writes.remove };
}

export const projectRoleWrites = projectLinkWrites({
  entity: ProjectParticipant,
  table: projectRoleTable,
  input: AddProjectParticipantInput,
  member: 'talent',
  what: 'talent',
  operation: 'ProjectParticipant',
});

export const projectPartnerWrites = projectLinkWrites({
  entity: ProjectPartner,
  table: projectPartnerTable,
  input: AddProjectPartnerInput,
  member: 'organization',
  what: 'organisation',
  operation: 'ProjectPartner',
});
