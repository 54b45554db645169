import { type ClassType, Field, Int, ObjectType } from 'type-graphql';
import { PageInfo } from './connection.js';
import { DecimalScalar } from './scalars.js';

/** Sum, average, minimum and maximum of a numeric field over a group. */
@ObjectType({
  description: 'Sum, average (rounded to 2 decimals), minimum and maximum of a numeric field over a group.',
})
export class DecimalStats {
  @Field(() => DecimalScalar, { nullable: true, description: 'Sum.' }) sum: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Average.' }) avg: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Minimum.' }) min: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Maximum.' }) max: string | null;
}

/** A page of groups of `Group`. */
export function GroupsOf<T extends object>(Group: ClassType<T>, name: string) {
  @ObjectType(`${name}Groups`, { description: `A page of grouped figures of ${name} rows.` })
  class Groups {
    @Field(() => [Group], { description: 'The groups of this page.' }) nodes: T[];
    @Field(() => Int, { description: 'Number of groups in all pages.' }) totalCount: number;
    @Field(() => PageInfo, { description: 'Paging information; pass endCursor as `after`.' })
    pageInfo: PageInfo;
  }
  return Groups;
}

export const GROUP_ARGS = {
  first: 'Groups per page (default 20, at most 100).',
  after: 'Cursor of a group; the page starts after it.',
  where: 'Which rows are counted: the same filter as the list.',
  groupBy: 'Dimensions, combined (e.g. [SETTLEMENT, FIELD]).',
  orderBy: 'KEYS (default: by the dimensions), COUNT (largest first) or a numeric field (largest sum first).',
};
