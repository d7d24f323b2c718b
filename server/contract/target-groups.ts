/**
 * The target groups a practice can name. A fixed vocabulary (not free text) so that the search facet
 * counts one value per group whatever language the practice is written in; labels feed search too, so
 * "mineurs" finds practices for `unaccompanied_minors` in any language.
 */
export const TARGET_GROUPS = {
  refugees: { en: 'Refugees', fr: 'Réfugiés', es: 'Personas refugiadas' },
  asylum_seekers: { en: 'Asylum seekers', fr: "Demandeurs d'asile", es: 'Solicitantes de asilo' },
  migrants_in_transit: { en: 'Migrants in transit', fr: 'Migrants en transit', es: 'Migrantes en tránsito' },
  undocumented_migrants: { en: 'Undocumented migrants', fr: 'Migrants sans papiers', es: 'Migrantes indocumentados' },
  unaccompanied_minors: { en: 'Unaccompanied minors', fr: 'Mineurs non accompagnés', es: 'Menores no acompañados' },
  children_and_youth: { en: 'Children and youth', fr: 'Enfants et jeunes', es: 'Niñez y juventud' },
  women_and_girls: { en: 'Women and girls', fr: 'Femmes et filles', es: 'Mujeres y niñas' },
  families: { en: 'Families', fr: 'Familles', es: 'Familias' },
  older_people: { en: 'Older people', fr: 'Personnes âgées', es: 'Personas mayores' },
  people_with_disabilities: { en: 'People with disabilities', fr: 'Personnes handicapées', es: 'Personas con discapacidad' },
  lgbtiq_people: { en: 'LGBTIQ+ people', fr: 'Personnes LGBTIQ+', es: 'Personas LGBTIQ+' },
  victims_of_trafficking: { en: 'Victims of trafficking', fr: 'Victimes de la traite', es: 'Víctimas de trata' },
  internally_displaced_people: { en: 'Internally displaced people', fr: 'Personnes déplacées internes', es: 'Personas desplazadas internas' },
  returnees: { en: 'Returnees', fr: 'Personnes de retour', es: 'Personas retornadas' },
  migrant_workers: { en: 'Migrant workers', fr: 'Travailleurs migrants', es: 'Trabajadores migrantes' },
  students: { en: 'Students', fr: 'Étudiants', es: 'Estudiantes' },
  host_communities: { en: 'Host communities', fr: "Communautés d'accueil", es: 'Comunidades de acogida' },
  local_staff_and_volunteers: { en: 'Local staff and volunteers', fr: 'Personnel local et bénévoles', es: 'Personal local y voluntariado' },
} as const satisfies Record<string, { en: string; fr: string; es: string }>;

export type TargetGroup = keyof typeof TARGET_GROUPS;
export const TARGET_GROUP_CODES = Object.keys(TARGET_GROUPS) as [TargetGroup, ...TargetGroup[]];
