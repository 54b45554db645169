import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionOf, ListArgsOf, OrderInput } from '../../graphql/connection.js';
import { IDFilter, StringFilter } from '../../graphql/filters.js';
import { Node, VersionedNode } from '../../graphql/types.js';

/** One of the twelve village themes. */
@ObjectType({
  implements: [Node, VersionedNode],
  description: 'A village theme: one of 琴 棋 书 画 诗 酒 花 茶 歌 舞 影 媒.',
})
export class Theme extends VersionedNode {
  @Field(() => String, { description: 'Stable code, e.g. "tea" for 茶.' })
  code: string;

  @Field(() => Int, { description: 'Position in the traditional order 琴棋书画 诗酒花茶 歌舞影媒 (1–12).' })
  position: number;
}

export enum ThemeOrderField {
  POSITION = 'POSITION',
  CODE = 'CODE',
  NAME = 'NAME',
}
registerEnumType(ThemeOrderField, { name: 'ThemeOrderField', description: 'Sortable fields of themes.' });

@InputType({ description: 'Conditions on themes; all given fields must hold.' })
export class ThemeWhere {
  @Field(() => IDFilter, { nullable: true, description: 'The theme itself.' })
  id?: IDFilter;
  @Field(() => StringFilter, { nullable: true, description: 'Code, e.g. "tea".' })
  code?: StringFilter;
  @Field(() => StringFilter, { nullable: true, description: 'Name in either language.' })
  name?: StringFilter;
  @Field(() => [ThemeWhere], { nullable: true, description: 'All of these hold.' })
  and?: ThemeWhere[];
  @Field(() => [ThemeWhere], { nullable: true, description: 'Any of these holds.' })
  or?: ThemeWhere[];
  @Field(() => ThemeWhere, { nullable: true, description: 'This does not hold.' })
  not?: ThemeWhere;
}

@InputType({ description: 'Conditions on the themes of an object.' })
export class ThemeRelationFilter {
  @Field(() => ThemeWhere, { nullable: true, description: 'At least one theme matches.' })
  some?: ThemeWhere;
  @Field(() => ThemeWhere, { nullable: true, description: 'No theme matches.' })
  none?: ThemeWhere;
  @Field(() => ThemeWhere, { nullable: true, description: 'Every theme matches.' })
  every?: ThemeWhere;
}

export const ThemeOrder = OrderInput(ThemeOrderField, 'Theme');
export const ThemeListArgs = ListArgsOf(ThemeWhere, ThemeOrder, 'theme');

@ObjectType({ description: 'A page of themes.' })
export class ThemeConnection extends ConnectionOf(Theme, 'Theme') {}
