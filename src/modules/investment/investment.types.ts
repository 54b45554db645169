import { DateFilter, DecimalFilter, registerEnum } from '../../graphql/filters.js';
import { enumField, enumRank, filter, idFilter, listTypes } from '../../graphql/list-types.js';
import { OrganizationWhere } from '../organization/organization.types.js';
import { ProjectWhere } from '../project/project.types.js';
import { TalentWhere } from '../talent/talent.types.js';
import { Investment, InvestmentKind, InvestmentStage } from './investment.entity.js';

export { Investment };

registerEnum(InvestmentStage, {
  name: 'InvestmentStage',
  description: 'Investment-promotion stage, in order.',
});
registerEnum(InvestmentKind, {
  name: 'InvestmentKind',
  description: 'A project’s first capital or an added investment.',
});

/** What lists of investments filter and sort by (investment.service.ts's table spec reads it too). */
export const InvestmentList = listTypes(Investment, {
  one: 'investment',
  many: 'investments',
  where: {
    id: idFilter('The investment itself.'),
    stage: enumField(InvestmentStage, 'Stage.'),
    kind: enumField(InvestmentKind, 'Kind.'),
    amount: filter(() => DecimalFilter, 'Amount.'),
    signedOn: filter(() => DateFilter, 'Signing date.'),
    project: filter(() => ProjectWhere, 'The project matches.'),
    investor: filter(() => OrganizationWhere, 'The investor matches.'),
    attributedTo: filter(() => TalentWhere, 'The talent it is attributed to matches.', {
      prop: 'attributedTalent',
    }),
  },
  orderBy: { AMOUNT: 'amount', SIGNED_ON: 'signedOn', STAGE: enumRank(InvestmentStage, 'stage') },
  sortNote: 'STAGE sorts along the promotion pipeline.',
});
export const {
  Where: InvestmentWhere,
  ListArgs: InvestmentListArgs,
  Connection: InvestmentConnection,
} = InvestmentList;
