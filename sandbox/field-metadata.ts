// Zoho's metadata answers, `GET /crm/v8/settings/modules` and `GET /crm/v8/settings/fields?module=`,
// in the shapes of Zoho's v8 spec (zoho/crm-oas v8.0 modules and fields, getFields example). Zoho's
// SDKs ask for these before their first record call and type record fields by them; the extension
// itself never reads them. Each module lists the fields the stand-in's records carry.
import { CRM_MODULES, type CrmModule, MODULE_LABELS, type ScenarioOrg } from './scenarios/types';

type DataType = 'text' | 'ownerlookup' | 'datetime' | 'boolean' | 'email' | 'phone' | 'picklist' | 'currency' | 'date';

interface FieldSpec {
  apiName: string;
  label: string;
  dataType: DataType;
  /** Zoho marks the record name fields (Account_Name, Last_Name, Deal_Name …) system mandatory */
  mandatory?: boolean;
  readOnly?: boolean;
}

const JSON_TYPE: Readonly<Record<DataType, string>> = {
  text: 'string',
  ownerlookup: 'jsonobject',
  datetime: 'string',
  boolean: 'boolean',
  email: 'string',
  phone: 'string',
  picklist: 'string',
  currency: 'double',
  date: 'string',
};

const SYSTEM_FIELDS: readonly FieldSpec[] = [
  { apiName: 'Owner', label: 'Owner', dataType: 'ownerlookup' },
  { apiName: 'Created_By', label: 'Created By', dataType: 'ownerlookup', readOnly: true },
  { apiName: 'Created_Time', label: 'Created Time', dataType: 'datetime', readOnly: true },
  { apiName: 'Modified_Time', label: 'Modified Time', dataType: 'datetime', readOnly: true },
  { apiName: 'Locked__s', label: 'Locked', dataType: 'boolean', readOnly: true },
];

const PERSON_FIELDS: readonly FieldSpec[] = [
  { apiName: 'First_Name', label: 'First Name', dataType: 'text' },
  { apiName: 'Last_Name', label: 'Last Name', dataType: 'text', mandatory: true },
  { apiName: 'Full_Name', label: 'Full Name', dataType: 'text', readOnly: true },
  { apiName: 'Email', label: 'Email', dataType: 'email' },
];

const MODULE_FIELDS: Readonly<Record<CrmModule, readonly FieldSpec[]>> = {
  Leads: [...PERSON_FIELDS, { apiName: 'Company', label: 'Company', dataType: 'text' }],
  Accounts: [
    { apiName: 'Account_Name', label: 'Account Name', dataType: 'text', mandatory: true },
    { apiName: 'Phone', label: 'Phone', dataType: 'phone' },
    { apiName: 'Billing_City', label: 'Billing City', dataType: 'text' },
  ],
  Contacts: [...PERSON_FIELDS, { apiName: 'Phone', label: 'Phone', dataType: 'phone' }],
  Deals: [
    { apiName: 'Deal_Name', label: 'Deal Name', dataType: 'text', mandatory: true },
    { apiName: 'Stage', label: 'Stage', dataType: 'picklist', mandatory: true },
    { apiName: 'Amount', label: 'Amount', dataType: 'currency' },
    { apiName: 'Closing_Date', label: 'Closing Date', dataType: 'date', mandatory: true },
  ],
  Cases: [
    { apiName: 'Subject', label: 'Subject', dataType: 'text', mandatory: true },
    { apiName: 'Status', label: 'Status', dataType: 'picklist' },
    { apiName: 'Priority', label: 'Priority', dataType: 'picklist' },
  ],
  CustomModule1: [{ apiName: 'Name', label: 'Name', dataType: 'text', mandatory: true }],
};

/** A stable id per org, module and field (Zoho's are org-specific numbers). */
function metadataId(org: ScenarioOrg, module: CrmModule, index: number): string {
  const moduleIndex = CRM_MODULES.indexOf(module);
  return `${org.zgid.slice(0, 6)}${String(100 + moduleIndex).padStart(3, '0')}${String(index).padStart(6, '0')}`;
}

function fieldJson(org: ScenarioOrg, module: CrmModule, field: FieldSpec, index: number): Record<string, unknown> {
  return {
    api_name: field.apiName,
    id: metadataId(org, module, index + 1),
    field_label: field.label,
    display_label: field.label,
    data_type: field.dataType,
    json_type: JSON_TYPE[field.dataType],
    system_mandatory: field.mandatory ?? false,
    custom_field: module === 'CustomModule1' && field.apiName !== 'Name',
    read_only: field.readOnly ?? false,
    field_read_only: field.readOnly ?? false,
    visible: true,
    length: field.dataType === 'text' ? 255 : null,
    lookup: {},
    formula: {},
    rollup_summary: {},
    pick_list_values: [],
  };
}

/**
 * The system `Territories` field of a module whose records carry territories. Zoho's examples do not
 * show its metadata; Zoho's SDKs recognise it by `api_name` and `custom_field: false` and read its
 * entries as territories (`Name`, `id`, `$assigned`, `$assigned_by`, `$assigned_time`).
 */
function territoriesFieldJson(org: ScenarioOrg, module: CrmModule, index: number): Record<string, unknown> {
  return {
    ...fieldJson(
      org,
      module,
      { apiName: 'Territories', label: 'Territories', dataType: 'text', readOnly: true },
      index,
    ),
    data_type: 'territories',
    json_type: 'jsonarray',
    length: null,
  };
}

/** `{"fields":[…]}` of one module as the org sees it. */
export function fieldsJson(org: ScenarioOrg, module: CrmModule, territoriesEnabled: boolean): { fields: unknown[] } {
  const specs = [...SYSTEM_FIELDS, ...MODULE_FIELDS[module]];
  const fields = specs.map((field, index) => fieldJson(org, module, field, index));
  if (territoriesEnabled) fields.push(territoriesFieldJson(org, module, specs.length));
  return { fields };
}

/** `{"modules":[…]}`: the modules the stand-in serves, all API-supported. */
export function modulesJson(org: ScenarioOrg, modules: readonly CrmModule[]): { modules: unknown[] } {
  return {
    modules: modules.map((module) => ({
      api_name: module,
      module_name: module,
      id: metadataId(org, module, 0),
      singular_label: MODULE_LABELS[module].singular,
      plural_label: MODULE_LABELS[module].plural,
      generated_type: module === 'CustomModule1' ? 'custom' : 'default',
      api_supported: true,
      creatable: true,
      editable: true,
      deletable: true,
      viewable: true,
      visible: true,
      status: 'visible',
      modified_time: null,
    })),
  };
}
