import { Field, registerEnumType } from 'type-graphql';
import { labelEnum, valueDescriptions } from '../db/enum.js';
import { ObjectType } from './object-type.js';

/** Why an input was refused; the same codes for every mutation (what each means: its labels below). */
export enum UserErrorCode {
  INVALID = 'INVALID',
  REQUIRED = 'REQUIRED',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  RULE_BROKEN = 'RULE_BROKEN',
  TAKEN = 'TAKEN',
  DUPLICATE = 'DUPLICATE',
  TOO_LARGE = 'TOO_LARGE',
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
}
labelEnum(UserErrorCode, {
  INVALID: ['Invalid', '无效', 'a value has the wrong form or is out of range', '值的格式不对或超出范围'],
  REQUIRED: ['Required', '必填', 'a required value is missing', '缺少必填的值'],
  NOT_FOUND: [
    'Not found',
    '未找到',
    'a referenced object does not exist or is not visible to the caller',
    '引用的对象不存在或调用者无权查看',
  ],
  CONFLICT: [
    'Conflict',
    '冲突',
    'the object changed since the version the input was based on',
    '对象在输入所依据的版本之后已被修改',
  ],
  RULE_BROKEN: [
    'Rule broken',
    '违反规则',
    'a domain rule would be broken (overlapping leases, a stage moving backwards, …)',
    '会违反业务规则（租期重叠、阶段倒退等）',
  ],
  TAKEN: [
    'Taken',
    '已被占用',
    'the value is already taken (e-mail, natural key)',
    '该值已被使用（邮箱、唯一键）',
  ],
  DUPLICATE: [
    'Possible duplicate',
    '可能重复',
    'an object of the same name exists in the same place (its id in the message): confirm to record another, or a name matches more than one object',
    '同一地方已有同名对象（消息中给出其 id）：确认后可再录入；或名称对应多个对象',
  ],
  TOO_LARGE: [
    'Too large',
    '超出限制',
    'the input is larger than a limit allows (a file’s size, its rows, its unzipped size)',
    '输入超出限制（文件大小、行数、解压后大小）',
  ],
  INVALID_CREDENTIALS: [
    'Invalid credentials',
    '凭据无效',
    'e-mail and password do not match an active account',
    '邮箱与密码不匹配任何有效账户',
  ],
});
registerEnumType(UserErrorCode, {
  name: 'UserErrorCode',
  description: 'Why an input was refused.',
  valuesConfig: valueDescriptions(UserErrorCode),
});

/** A failure the user can fix, returned as data by mutations; nothing was written when there is one. */
@ObjectType({ description: 'A failure the user can fix; when a payload has any, nothing was written.' })
export class UserError {
  @Field(() => [String], {
    description: 'Path into the input of the value at fault, e.g. ["input", "email"].',
  })
  field: string[];

  @Field(() => UserErrorCode, { description: 'Machine-readable reason.' })
  code: UserErrorCode;

  @Field(() => String, { description: 'Human-readable explanation.' })
  message: string;
}

export const userError = (field: string[], code: UserErrorCode, message: string): UserError => ({
  field,
  code,
  message,
});
