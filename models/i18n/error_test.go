package i18n_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/i18n"
)

// An error message found in the sources: its English with sample
// arguments, and where it is made.
type madeError struct {
	at, format, english string
}

// verb is a fmt verb in an error's format.
var verb = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z]`)

// sample fills a format's verbs with words no catalogue has, so that a
// read-back says them as they are.
func sample(format string) string {
	return verb.ReplaceAllStringFunc(format, func(v string) string {
		switch v[len(v)-1] {
		case 'q':
			return `"x1"`
		case 'd', 'X', 'x':
			return "7"
		}
		return "x1"
	})
}

// machineOnly are the sources whose errors no person reads: the vendor
// emulators answer as the vendors would (in their words), a refused
// receipt callback is answered to the vendor's server and logged, the
// loopback fakes and the seed command serve tests and benchmarks.
func machineOnly(path string) bool {
	base := filepath.Base(path)
	return strings.Contains(path, "vendortest") || strings.Contains(path, "storagetest") || strings.Contains(path, filepath.Join("models", "receipts")) ||
		base == "emulator.go" || base == "store_seed.go" || strings.Contains(base, "receipt") || strings.HasPrefix(path, filepath.Join("..", "..", "bench"))
}

// madeErrors finds every models.Invalid, NotFound and Errorf with a
// literal format, and every vendor field's description (the what of
// vendors.RequiredField and its kin), which error messages quote.
func madeErrors(t *testing.T) []madeError {
	t.Helper()
	root := filepath.Join("..", "..")
	var found []madeError
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "data" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || strings.HasSuffix(path, "_templ.go") || machineOnly(path) {
			return nil
		}
		file, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		inModels := file.Name.Name == "models"
		ast.Inspect(file, func(n ast.Node) bool {
			if lit, ok := n.(*ast.CompositeLit); ok {
				if s, pos, ok := errorLiteral(lit); ok {
					found = append(found, madeError{at: fset.Position(pos).String(), format: s, english: sample(s)})
				}
				return true
			}
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			name, format := errorCall(call, inModels)
			if format < 0 || format >= len(call.Args) {
				return true
			}
			lit, ok := call.Args[format].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil || s == "%s" || (name == "Errorf" && isInternal(call.Args[0])) {
				return true
			}
			found = append(found, madeError{at: fset.Position(lit.Pos()).String(), format: s, english: sample(s)})
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}

// errorCall names the error constructor call calls, with the index of its
// format (or a vendor field's description); -1 for any other call.
func errorCall(call *ast.CallExpr, inModels bool) (string, int) {
	var name string
	switch f := call.Fun.(type) {
	case *ast.Ident:
		if f.Name == "notFound" {
			return f.Name, 1 // models/storage's notFound(err, format, …)
		}
		if !inModels {
			return "", -1
		}
		name = f.Name
	case *ast.SelectorExpr:
		x, ok := f.X.(*ast.Ident)
		if !ok || (x.Name != "models" && x.Name != "vendors") {
			return "", -1
		}
		name = f.Sel.Name
	default:
		return "", -1
	}
	switch name {
	case "Invalid", "Errorf":
		return name, 1
	case "NotFound":
		return name, 0
	case "RequiredField", "NumericField", "SecretField", "ClientField":
		return name, 3
	}
	return "", -1
}

// errorLiteral reads the message of an Error written as a literal,
// &models.Error{Code: …, Message: fmt.Sprintf("…", …)}.
func errorLiteral(lit *ast.CompositeLit) (string, token.Pos, bool) {
	var typeName string
	switch t := lit.Type.(type) {
	case *ast.SelectorExpr:
		typeName = t.Sel.Name
	case *ast.Ident:
		typeName = t.Name
	}
	if typeName != "Error" {
		return "", 0, false
	}
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if key, isIdent := kv.Key.(*ast.Ident); !ok || !isIdent || key.Name != "Message" {
			continue
		}
		value := kv.Value
		if call, ok := value.(*ast.CallExpr); ok && len(call.Args) > 0 {
			if fn, ok := call.Fun.(*ast.SelectorExpr); ok && fn.Sel.Name == "Sprintf" {
				value = call.Args[0]
			}
		}
		if format, ok := value.(*ast.BasicLit); ok && format.Kind == token.STRING {
			s, err := strconv.Unquote(format.Value)
			return s, format.Pos(), err == nil && s != "%s"
		}
	}
	return "", 0, false
}

func isInternal(code ast.Expr) bool {
	sel, ok := code.(*ast.SelectorExpr)
	if ok {
		return sel.Sel.Name == "CodeInternal"
	}
	id, ok := code.(*ast.Ident)
	return ok && id.Name == "CodeInternal"
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// Every error message a person may read has Chinese words: the API's
// errors with Accept-Language: zh-CN, and the pages' form errors.
func TestEveryErrorMessageIsSaidInChinese(t *testing.T) {
	catalog, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	zh := catalog.Localizer(models.LanguageChinese)
	made := madeErrors(t)
	if len(made) < 100 {
		t.Fatalf("found only %d error messages: the scan is broken", len(made))
	}
	for _, m := range made {
		if !strings.ContainsFunc(verb.ReplaceAllString(m.format, ""), unicode.IsLetter) {
			continue // only arguments ("%q: %s"): each is read back by itself
		}
		if said := zh.Error(&models.Error{Message: m.english}); !hasHan(said) {
			t.Errorf("%s: no Chinese for %q", m.at, m.english)
		}
	}
}

// Every warning a vendor gives a certificate when it is saved has Chinese
// words: pages and the API read them back from certificate.warning.
func TestEveryCertificateWarningIsSaidInChinese(t *testing.T) {
	catalog, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	zh := catalog.Localizer(models.LanguageChinese)
	paths, err := filepath.Glob(filepath.Join("..", "..", "vendors", "*", "certificate.go"))
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	found := 0
	for _, path := range paths {
		file, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) < 2 {
				return true
			}
			if fn, ok := call.Fun.(*ast.Ident); !ok || fn.Name != "append" {
				return true
			}
			if sel, ok := call.Args[0].(*ast.SelectorExpr); !ok || sel.Sel.Name != "Warnings" {
				return true
			}
			for _, arg := range call.Args[1:] {
				found++
				english := sampleOf(arg)
				if said := zh.CertificateWarning(english); !hasHan(said) || said == english {
					t.Errorf("%s: no Chinese for %q", fset.Position(arg.Pos()), english)
				}
			}
			return true
		})
	}
	if found < 10 {
		t.Fatalf("found only %d warnings: the scan is broken", found)
	}
}

// sampleOf is a warning's English with sample words for what is known
// only at run time: a literal, fmt.Sprintf of one, or a concatenation.
func sampleOf(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.BasicLit:
		if s, err := strconv.Unquote(x.Value); err == nil {
			return s
		}
	case *ast.CallExpr:
		if len(x.Args) > 0 {
			return sample(sampleOf(x.Args[0]))
		}
	case *ast.BinaryExpr:
		return sampleOf(x.X) + sampleOf(x.Y)
	}
	return "x1"
}

// What a send says of a device before any vendor answers (why it was
// skipped, where its receipt comes) is read back in Chinese like an
// answer: every sentence those functions return has its message.
func TestEverySendPlanIsSaidInChinese(t *testing.T) {
	catalog, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	zh := catalog.Localizer(models.LanguageChinese)
	path := filepath.Join("..", "..", "models", "sending", "dispatcher.go")
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, path, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, decl := range file.Decls {
		fn, ok := decl.(*ast.FuncDecl)
		if !ok || (fn.Name.Name != "skipReason" && fn.Name.Name != "receiptPlan") {
			continue
		}
		ast.Inspect(fn.Body, func(n ast.Node) bool {
			ret, ok := n.(*ast.ReturnStmt)
			if !ok {
				return true
			}
			for _, r := range ret.Results {
				english := sampleOf(r)
				if english == "" || english == "x1" {
					continue
				}
				found++
				if said := zh.Recorded(english, "vendors.answer."); !hasHan(said) {
					t.Errorf("%s: no Chinese for %q", fset.Position(r.Pos()), english)
				}
			}
			return true
		})
	}
	if found < 10 {
		t.Fatalf("found only %d sentences: the scan is broken", found)
	}
}
