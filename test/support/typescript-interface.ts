import * as ts from "typescript";

/** One property of a TypeScript interface or class as written in its source. */
export interface DeclaredProperty {
  name: string;
  optional: boolean;
  /** The type as written, e.g. "number", "Record<string, string>", "pulumi.Output<number>". */
  typeText: string;
  /** The JSDoc comment text, lines joined by "\n" (what a Pulumi schema carries as the description). */
  doc: string | undefined;
}

function isHidden(member: ts.ClassElement | ts.TypeElement): boolean {
  const modifiers = ts.canHaveModifiers(member) ? (ts.getModifiers(member) ?? []) : [];
  return modifiers.some(
    (modifier) => modifier.kind === ts.SyntaxKind.PrivateKeyword || modifier.kind === ts.SyntaxKind.ProtectedKeyword,
  );
}

/**
 * Reads the public properties of an interface or class straight from its source file, without type checking:
 * an independent view of what a schema inferred from the same types should say.
 */
export function declaredProperties(file: string, source: string, typeName: string): DeclaredProperty[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const declaration = sourceFile.statements.find(
    (statement): statement is ts.InterfaceDeclaration | ts.ClassDeclaration =>
      (ts.isInterfaceDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name?.text === typeName,
  );
  if (declaration === undefined) throw new Error(`${typeName} is not declared in ${file}`);
  const members: readonly (ts.ClassElement | ts.TypeElement)[] = declaration.members;
  return members
    .filter((member) => ts.isPropertySignature(member) || ts.isPropertyDeclaration(member))
    .filter((member) => !isHidden(member))
    .map((member) => {
      const property = member as ts.PropertySignature | ts.PropertyDeclaration;
      const docs = ts
        .getJSDocCommentsAndTags(property)
        .filter(ts.isJSDoc)
        .map((doc) => ts.getTextOfJSDocComment(doc.comment) ?? "")
        .filter((text) => text !== "");
      return {
        name: property.name.getText(sourceFile),
        optional: property.questionToken !== undefined,
        typeText: property.type?.getText(sourceFile) ?? "any",
        doc: docs.length > 0 ? docs.join("\n") : undefined,
      };
    });
}
