/**
 * The columns an import file may have: the Microsoft 365 admin center's bulk-add template, the Partner Center one,
 * plus Usage Location and Licenses. Headers match without regard to case, spaces or punctuation.
 */

export const IMPORT_FIELDS = [
  'upn',
  'givenName',
  'surname',
  'displayName',
  'jobTitle',
  'department',
  'officeLocation',
  'businessPhone',
  'mobilePhone',
  'fax',
  'streetAddress',
  'city',
  'state',
  'postalCode',
  'country',
  'usageLocation',
  'licenses',
] as const;

export type ImportField = (typeof IMPORT_FIELDS)[number];

/** The header shown for each field in review cards and the template. */
export const FIELD_HEADERS: Record<ImportField, string> = {
  upn: 'User Name',
  givenName: 'First Name',
  surname: 'Last Name',
  displayName: 'Display Name',
  jobTitle: 'Job Title',
  department: 'Department',
  officeLocation: 'Office Number',
  businessPhone: 'Office Phone',
  mobilePhone: 'Mobile Phone',
  fax: 'Fax',
  streetAddress: 'Address',
  city: 'City',
  state: 'State or Province',
  postalCode: 'ZIP or Postal Code',
  country: 'Country or Region',
  usageLocation: 'Usage Location',
  licenses: 'Licenses',
};

// Partner Center calls the user name "Email"; Entra exports call it "User principal name".
const ALIASES: Record<string, ImportField> = {
  username: 'upn',
  email: 'upn',
  emailaddress: 'upn',
  userprincipalname: 'upn',
  upn: 'upn',
  firstname: 'givenName',
  givenname: 'givenName',
  lastname: 'surname',
  surname: 'surname',
  displayname: 'displayName',
  jobtitle: 'jobTitle',
  title: 'jobTitle',
  department: 'department',
  officenumber: 'officeLocation',
  office: 'officeLocation',
  officephone: 'businessPhone',
  mobilephone: 'mobilePhone',
  mobile: 'mobilePhone',
  fax: 'fax',
  address: 'streetAddress',
  streetaddress: 'streetAddress',
  city: 'city',
  stateorprovince: 'state',
  state: 'state',
  ziporpostalcode: 'postalCode',
  postalcode: 'postalCode',
  zip: 'postalCode',
  countryorregion: 'country',
  country: 'country',
  usagelocation: 'usageLocation',
  licenses: 'licenses',
  license: 'licenses',
  licences: 'licenses',
  licence: 'licenses',
  skus: 'licenses',
};

export const normalizeHeader = (header: string): string => header.toLowerCase().replace(/[^a-z0-9]/g, '');

export const fieldForHeader = (header: string): ImportField | undefined => ALIASES[normalizeHeader(header)];

/** The admin center's bulk-add columns, in its order, followed by ours. */
export const TEMPLATE_HEADERS: string[] = IMPORT_FIELDS.map((f) => FIELD_HEADERS[f]);

/** Longest values Entra accepts, per field. */
export const MAX_LENGTH: Partial<Record<ImportField, number>> = {
  givenName: 64,
  surname: 64,
  displayName: 256,
  jobTitle: 128,
  department: 64,
  officeLocation: 128,
  businessPhone: 64,
  mobilePhone: 64,
  fax: 64,
  streetAddress: 1024,
  city: 128,
  state: 128,
  postalCode: 40,
  country: 128,
};
